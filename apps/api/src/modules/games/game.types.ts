import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A Twitch game (category) with its views over a range.' })
export class Game {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Template URL with {width}x{height}, as Helix gives it.' }) boxArtUrl!: string | null;
}
