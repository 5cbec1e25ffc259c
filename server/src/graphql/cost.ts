/**
 * The cost of a GraphQL operation to the plugin, from its document alone (before any resolver
 * runs): each of the plugin's root fields costs 1 plus the items it may answer, every alias and
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

/** The cost of one root field from its arguments; fields not listed cost nothing here. */
export type FieldCosts = Record<string, (args: Record<string, unknown>) => number>;

/** An argument's value: an integer, a variable's value, null; undefined for anything else. */
const argumentValue = (value: AstValue, variables: Record<string, unknown>): unknown => {
  if (value.kind === 'IntValue') return Number(value.value);
  if (value.kind === 'NullValue') return null;
  if (value.kind === 'Variable' && value.name) return variables[value.name.value];
  return value.kind === 'StringValue' || value.kind === 'EnumValue' ? value.value : undefined;
};

export const operationCost = (
  operation: AstOperation,
  fragments: AstFragments,
  variables: Record<string, unknown>,
  costs: FieldCosts
): number => {
  const fragmentCosts = new Map<string, number>();

  const selectionsCost = (selections: readonly AstSelection[], seen: Set<string>): number => {
    let total = 0;
    for (const selection of selections) {
      if (selection.kind === 'Field' && selection.name) {
        const cost = Object.prototype.hasOwnProperty.call(costs, selection.name.value)
          ? costs[selection.name.value]
          : null;
        if (!cost) continue;
        const args: Record<string, unknown> = {};
        for (const arg of selection.arguments ?? []) {
          args[arg.name.value] = argumentValue(arg.value, variables);
        }
        total += cost(args);
      } else if (selection.kind === 'InlineFragment' && selection.selectionSet) {
        total += selectionsCost(selection.selectionSet.selections, seen);
      } else if (selection.kind === 'FragmentSpread' && selection.name) {
        total += fragmentCost(selection.name.value, seen);
      }
    }
    return total;
  };

  const fragmentCost = (name: string, seen: Set<string>): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = Object.prototype.hasOwnProperty.call(fragments, name) ? fragments[name] : null;
    // GraphQL's validation refuses unknown and cyclic fragments before execution; this only
    // keeps the walk finite whatever it is given.
    if (!fragment || seen.has(name)) return 0;
    seen.add(name);
    const cost = selectionsCost(fragment.selectionSet.selections, seen);
    seen.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  return selectionsCost(operation.selectionSet.selections, new Set());
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
