import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin } from '../../auth/principal';
import type { ApiContext } from '../../graphql/context';
import { Schedule, TrackedGame } from './tracking.types';

@Resolver()
export class TrackingResolver {
  @Query(() => [TrackedGame], { description: 'Games followed regardless of rank, active or paused, oldest first.' })
  trackedGames(@Ctx() ctx: ApiContext): Promise<TrackedGame[]> {
    return ctx.services.trackedGames.list();
  }

  @Mutation(() => TrackedGame, { description: 'Admin: follows a game seen on Twitch (metadata every run, an X query linked to it).' })
  trackGame(@Arg('gameId', () => ID) gameId: string, @Ctx() ctx: ApiContext): Promise<TrackedGame> {
    requireAdmin(ctx.principal);
    return ctx.services.trackedGames.track(gameId);
  }

  @Mutation(() => TrackedGame, { description: 'Admin: stops collecting for a tracked game; pauses its auto X query, history kept.' })
  pauseTrackedGame(@Arg('gameId', () => ID) gameId: string, @Ctx() ctx: ApiContext): Promise<TrackedGame> {
    requireAdmin(ctx.principal);
    return ctx.services.trackedGames.pause(gameId);
  }

  @Mutation(() => TrackedGame)
  resumeTrackedGame(@Arg('gameId', () => ID) gameId: string, @Ctx() ctx: ApiContext): Promise<TrackedGame> {
    requireAdmin(ctx.principal);
    return ctx.services.trackedGames.resume(gameId);
  }

  @Mutation(() => TrackedGame, { description: 'Admin: stops tracking a game; its series and X history stay, its auto query is paused.' })
  untrackGame(@Arg('gameId', () => ID) gameId: string, @Ctx() ctx: ApiContext): Promise<TrackedGame> {
    requireAdmin(ctx.principal);
    return ctx.services.trackedGames.untrack(gameId);
  }

  @Query(() => [Schedule], { description: 'The recurring jobs with their intervals and next runs.' })
  schedules(@Ctx() ctx: ApiContext): Promise<Schedule[]> {
    return ctx.services.schedules.list();
  }

  @Mutation(() => Schedule, { description: 'Admin: sets a schedule interval; stored, so it survives restarts, and applied at once.' })
  setScheduleInterval(
    @Arg('id', () => ID) id: string,
    @Arg('everySeconds', () => Int) everySeconds: number,
    @Ctx() ctx: ApiContext,
  ): Promise<Schedule> {
    requireAdmin(ctx.principal);
    return ctx.services.schedules.setInterval(id, everySeconds);
  }

  @Mutation(() => Schedule, { description: 'Admin: goes back to the configured interval.' })
  resetScheduleInterval(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Schedule> {
    requireAdmin(ctx.principal);
    return ctx.services.schedules.resetInterval(id);
  }
}
