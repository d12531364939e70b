import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';

@ObjectType({ description: 'Something finished in the pipeline: refetch what depends on it.' })
export class PipelineEvent {
  @Field(() => String, { description: 'sweep.completed or run.finished' }) type!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The sweep timestamp (sweep.completed).' }) ts!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Streams in the sweep (sweep.completed).' }) streams!: number | null;
  @Field(() => String, { nullable: true, description: 'The job that ran (run.finished).' }) job!: string | null;
  @Field(() => String) status!: string;
}
