import { EntitySchema, type ColumnType } from 'typeorm';

/**
 * Column spec: [sql type, options]. Entities are EntitySchema objects rather than decorated
 * classes so loading them never depends on how a runner compiles decorators (tsx run from the
 * repository root has no tsconfig and would emit standard decorators, which TypeORM rejects).
 */
export type Col = readonly [ColumnType, { readonly pk?: true; readonly nullable?: true; readonly array?: true; readonly name?: string }?];

/** Property names are camelCase; SQL column names are their snake_case unless given. */
export function defineEntity<T>(table: string, columns: { [K in keyof T]-?: Col }): EntitySchema<T> {
  const cols: Record<string, object> = {};
  for (const [prop, [type, o = {}]] of Object.entries(columns) as Array<[string, Col]>) {
    cols[prop] = {
      type,
      name: o.name ?? prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      primary: o.pk ?? false,
      nullable: o.nullable ?? false,
      array: o.array ?? false,
    };
  }
  return new EntitySchema<T>({ name: table, tableName: table, columns: cols as never });
}
