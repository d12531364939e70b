import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../graphql/context';
import { SystemInfo } from './system.types';

@Resolver()
export class SystemResolver {
  @Query(() => SystemInfo, { description: 'Dialect, versions and data sources of this deployment.' })
  systemInfo(@Ctx() ctx: ApiContext): Promise<SystemInfo> {
    return ctx.services.system.systemInfo();
  }
}
