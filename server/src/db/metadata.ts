/**
 * Strapi's database metadata, read as @strapi/database 5.54.0 builds it (the only file of the
 * plugin that reads `strapi.db.metadata`, which Strapi does not document):
 * - `strapi.db.metadata.get(uid)` has `tableName` and `attributes`; a scalar attribute's column is
 *   `attributes[name].columnName` (the attribute's name when absent);
 * - a relation's link table is `attributes[name].joinTable`: `name`, `joinColumn.name` (the owner's
 *   row) and `inverseJoinColumn.name` (the target's row);
 * - a component attribute's join table (`<table>_cmps`, built by @strapi/core's
 *   transform-content-types-to-models) adds `orderColumnName` and `pivotColumns`
 *   = [entity, component, field, component type].
 * tests/api/strapi-internals.test.ts checks each of these on a booted Strapi.
 */
import type { Core } from '@strapi/strapi';

type Attributes = Record<string, unknown>;

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  pivotColumns?: string[];
};

const metadataOf = (strapi: Core.Strapi, uid: string) =>
  strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Attributes };

const joinTableOf = (strapi: Core.Strapi, uid: string, attribute: string): JoinTable => {
  const joinTable = (metadataOf(strapi, uid).attributes[attribute] as { joinTable?: JoinTable })
    ?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} has no join table in Strapi's metadata`);
  return joinTable;
};

/** The table of a content type, component or database-only model. */
export const tableName = (strapi: Core.Strapi, uid: string): string =>
  metadataOf(strapi, uid).tableName;

/** The database column of each attribute of a model (identifier shortening included). */
export const columnsOf = (strapi: Core.Strapi, uid: string) => {
  const { attributes } = metadataOf(strapi, uid);
  return (name: string): string =>
    (attributes[name] as { columnName?: string } | undefined)?.columnName ?? name;
};

/**
 * A relation's link table: the owner's row column, the target's row column, and for a relation
 * to many its order column (`orderColumnName`: the order the query engine populates in).
 */
export const relationLink = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const joinTable = joinTableOf(strapi, uid, attribute);
  return {
    table: joinTable.name,
    owner: joinTable.joinColumn.name,
    target: joinTable.inverseJoinColumn.name,
    order: joinTable.orderColumnName,
  };
};

/**
 * A component attribute's join table: the entity's row, the component's row, the position, and
 * the two columns that say which attribute (`field`) and which component (`type`) a row is for.
 */
export const componentLink = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const joinTable = joinTableOf(strapi, uid, attribute);
  const [, , field, type] = joinTable.pivotColumns ?? [];
  if (!joinTable.orderColumnName || !field || !type) {
    throw new Error(`${uid}.${attribute} is not a component join table in Strapi's metadata`);
  }
  return {
    table: joinTable.name,
    entity: joinTable.joinColumn.name,
    component: joinTable.inverseJoinColumn.name,
    order: joinTable.orderColumnName,
    field,
    type,
  };
};

/**
 * The function Strapi fills a new row's `documentId` with: the model's `documentId` attribute
 * has it as `default` (@strapi/core's transform-content-types-to-models sets cuid2's `createId`),
 * so rows written in batches get ids of the same kind as the Document Service's.
 */
export const documentIdFactory = (strapi: Core.Strapi, uid: string): (() => string) => {
  const attribute = metadataOf(strapi, uid).attributes.documentId as
    { default?: unknown } | undefined;
  const make = attribute?.default;
  if (typeof make !== 'function') {
    throw new Error(`${uid}.documentId has no default function in Strapi's metadata`);
  }
  return () => String(make());
};

/**
 * The order column of a relation's link table on the target's side (`joinTable.
 * inverseOrderColumnName`): a comment's place among its post's comments or its parent's replies.
 */
export const relationInverseOrder = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const column = (joinTableOf(strapi, uid, attribute) as { inverseOrderColumnName?: string })
    .inverseOrderColumnName;
  if (!column)
    throw new Error(`${uid}.${attribute} has no inverse order column in Strapi's metadata`);
  return column;
};

/** A model's attributes as Strapi's metadata has them (type, default, private, relation). */
export const attributesOf = (strapi: Core.Strapi, uid: string) =>
  metadataOf(strapi, uid).attributes as Record<
    string,
    { type?: string; default?: unknown; private?: boolean; columnName?: string }
  >;

/**
 * A single media attribute's link rows (`cover`, `avatar`, `ogImage`), read as @strapi/core's
 * transform-content-types-to-models and @strapi/database build them: the attribute becomes a
 * `morphOne` relation to `plugin::upload.file` with `morphBy: 'related'`; the file's `related`
 * attribute is a `morphToMany` whose `joinTable` (`files_related_mph`) has `name`,
 * `joinColumn.name` (the file's row), `morphColumn.idColumn.name` and
 * `morphColumn.typeColumn.name` (the owner's row and uid) and `orderBy` (its order column). The
 * query engine populates through it with `on: { field: <attribute name> }`: the column is named
 * `field` in Strapi's code, not in the metadata.
 */
export const mediaLink = (strapi: Core.Strapi, uid: string, attribute: string) => {
  const media = metadataOf(strapi, uid).attributes[attribute] as
    { relation?: string; target?: string; morphBy?: string } | undefined;
  const morph =
    media?.relation === 'morphOne' && media.target && media.morphBy
      ? (metadataOf(strapi, media.target).attributes[media.morphBy] as {
          relation?: string;
          joinTable?: {
            name: string;
            joinColumn: { name: string };
            morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
            orderBy?: Record<string, string>;
          };
        })
      : undefined;
  const joinTable = morph?.relation === 'morphToMany' ? morph.joinTable : undefined;
  const [order] = Object.keys(joinTable?.orderBy ?? {});
  if (!media?.target || !joinTable?.morphColumn || !order) {
    throw new Error(`${uid}.${attribute} is not a single media in Strapi's metadata`);
  }
  return {
    /** The file model's uid (`plugin::upload.file`). */
    target: media.target,
    table: joinTable.name,
    file: joinTable.joinColumn.name,
    owner: joinTable.morphColumn.idColumn.name,
    ownerType: joinTable.morphColumn.typeColumn.name,
    field: 'field',
    order,
  };
};
