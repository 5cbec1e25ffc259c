import { EDIT_ROW_WIDTH, type EditCell } from '../db/content-manager';

/**
 * Places `fields` in an edit view as `rows` (the default layout) has them, keeping every other
 * field where it is: each field is taken out of the current rows, then each default row's share of
 * `fields` goes right after the field that comes before it in the default layout (beside it when
 * its row has room, else in a new row below), or first when nothing comes before it. With every
 * field of the default layout, this is that layout, followed by the rows of any other fields; with
 * only the fields a version added, an editor's arrangement of the others stays.
 */
export const placeFields = (
  current: EditCell[][],
  rows: EditCell[][],
  fields: readonly string[]
): EditCell[][] => {
  const moving = new Set(fields);
  const layout = current
    .map((row) => row.filter((cell) => !moving.has(cell.name)))
    .filter((row) => row.length > 0);
  const order = rows.flat().map((cell) => cell.name);
  const rowOf = (name: string) => layout.findIndex((row) => row.some((c) => c.name === name));

  for (const row of rows) {
    const cells = row.filter((cell) => moving.has(cell.name));
    if (cells.length === 0) continue;
    const before = order.slice(0, order.indexOf(cells[0].name)).reverse();
    const anchor = before.find((name) => rowOf(name) !== -1);
    if (anchor === undefined) {
      layout.unshift(cells);
      continue;
    }
    const index = rowOf(anchor);
    const anchorRow = layout[index];
    const used = anchorRow.reduce((sum, cell) => sum + cell.size, 0);
    const added = cells.reduce((sum, cell) => sum + cell.size, 0);
    const anchorIsLast = anchorRow[anchorRow.length - 1].name === anchor;
    if (anchorIsLast && used + added <= EDIT_ROW_WIDTH) anchorRow.push(...cells);
    else layout.splice(index + 1, 0, cells);
  }
  return layout;
};
