/**
 * The cost of a GraphQL operation to the plugin, from its document alone (before any resolver
 * runs): each of the plugin's root fields costs 1, plus, for each item it may answer, 1 and 1
 * more per list of the item's own it selects (a post's `categories`, `tags`), every alias and
 * every spread of a fragment counted, summed. Pure, and linear in the document: a fragment's cost
 * is computed once however often it is spread.
 *
 * The document is read by its AST's `kind`s, so the plugin needs no `graphql` package of its own.
 */

/** The parts of graphql-js's AST this reads. */
export interface AstValue {
  kind: string;
  value?: unknown;
  name?: { value: string };
}
export interface AstSelection {
  kind: string;
  name?: { value: string };
  arguments?: ReadonlyArray<{ name: { value: string }; value: AstValue }>;
  selectionSet?: { selections: readonly AstSelection[] };
}
export interface AstOperation {
  selectionSet: { selections: readonly AstSelection[] };
}
export type AstFragments = Record<
  string,
  { selectionSet: { selections: readonly AstSelection[] } }
>;

/** What the plugin's fields cost; fields not listed cost nothing here. */
export interface CostModel {
  /** The plugin's root fields: the items each may answer, from its arguments. */
  items: Record<string, (args: Record<string, unknown>) => number>;
  /**
   * Lists within an item, of a size the request does not bound (a post's categories and tags):
   * each costs 1 per item of the root field, wherever it is selected under it.
   */
  nestedLists: readonly string[];
}

/** An argument's value: an integer, a variable's value, null; undefined for anything else. */
const argumentValue = (value: AstValue, variables: Record<string, unknown>): unknown => {
  if (value.kind === 'IntValue') return Number(value.value);
  if (value.kind === 'NullValue') return null;
  if (value.kind === 'Variable' && value.name) return variables[value.name.value];
  return value.kind === 'StringValue' || value.kind === 'EnumValue' ? value.value : undefined;
};

const own = <T>(record: Record<string, T>, key: string): T | null =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : null;

export const operationCost = (
  operation: AstOperation,
  fragments: AstFragments,
  variables: Record<string, unknown>,
  model: CostModel
): number => {
  /** Per fragment: its cost as root fields, and its nested lists as part of an item. */
  const memo = { root: new Map<string, number>(), nested: new Map<string, number>() };

  /**
   * Walks selections through inline fragments and fragment spreads; `field` answers a field's
   * own cost. A fragment's total is kept per kind of walk.
   */
  const walk = (
    kind: keyof typeof memo,
    selections: readonly AstSelection[],
    seen: Set<string>,
    field: (selection: AstSelection, seen: Set<string>) => number
  ): number => {
    let total = 0;
    for (const selection of selections) {
      if (selection.kind === 'Field' && selection.name) {
        total += field(selection, seen);
      } else if (selection.kind === 'InlineFragment' && selection.selectionSet) {
        total += walk(kind, selection.selectionSet.selections, seen, field);
      } else if (selection.kind === 'FragmentSpread' && selection.name) {
        const name = selection.name.value;
        const known = memo[kind].get(name);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = own(fragments, name);
        // GraphQL's validation refuses unknown and cyclic fragments before execution; this
        // only keeps the walk finite whatever it is given.
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        const cost = walk(kind, fragment.selectionSet.selections, seen, field);
        seen.delete(name);
        memo[kind].set(name, cost);
        total += cost;
      }
    }
    return total;
  };

  /** The nested lists selected anywhere under these selections. */
  const nestedLists = (selections: readonly AstSelection[], seen: Set<string>): number =>
    walk('nested', selections, seen, (selection, inner) => {
      const counted = model.nestedLists.includes(selection.name!.value) ? 1 : 0;
      const below = selection.selectionSet
        ? nestedLists(selection.selectionSet.selections, inner)
        : 0;
      return counted + below;
    });

  return walk('root', operation.selectionSet.selections, new Set(), (selection) => {
    const items = own(model.items, selection.name!.value);
    if (!items) return 0;
    const args: Record<string, unknown> = {};
    for (const arg of selection.arguments ?? []) {
      args[arg.name.value] = argumentValue(arg.value, variables);
    }
    const perItem =
      1 + (selection.selectionSet ? nestedLists(selection.selectionSet.selections, new Set()) : 0);
    return 1 + items(args) * perItem;
  });
};

/**
 * The items a list field may answer for this `pageSize`: the default when none is given, never
 * more than the maximum; the maximum when the value is not a page size (the resolver refuses it).
 */
export const pageItems = (
  pageSize: unknown,
  limits: { defaultLimit: number; maxLimit: number }
) => {
  if (pageSize === undefined || pageSize === null) return limits.defaultLimit;
  if (typeof pageSize === 'number' && Number.isInteger(pageSize) && pageSize >= 1) {
    return Math.min(pageSize, limits.maxLimit);
  }
  return limits.maxLimit;
};
