/** The column types the plugin's database-only tables use. */
type ColumnType =
  'increments' | 'string' | 'text' | 'integer' | 'biginteger' | 'boolean' | 'json' | 'datetime';

interface ModelAttribute {
  type: ColumnType;
  column?: { notNullable?: boolean; defaultTo?: string | number | boolean };
}

/**
 * A database-only table as Strapi's models registry takes it (`strapi.get('models').add`): a
 * table with no content type and no API. `TRow` is a row as the plugin reads it; each of its
 * fields is an attribute, and each attribute a field, so the two cannot drift apart.
 */
export interface DatabaseModel<TRow> {
  uid: string;
  singularName: string;
  tableName: string;
  attributes: { [TField in keyof TRow]-?: ModelAttribute };
  indexes: Array<{ name: string; columns: string[]; type?: 'unique' }>;
}
