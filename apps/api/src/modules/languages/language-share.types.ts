import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: "A language's part of a subject's hours watched over a range." })
export class LanguageShare {
  @Field(() => String) language!: string;
  @Field(() => Float) hoursWatched!: number;
  @Field(() => Float, { description: 'hoursWatched ÷ the subject\'s hours watched over all languages, 0..1.' }) share!: number;
}
