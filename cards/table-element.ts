import type { CardElement, TextBlock } from './adaptive-card';

/**
 * The Adaptive Card 1.5 `Table`: rows of cells, each cell a container of elements. Teams renders
 * it on desktop and mobile (columns shrink to their weights; text wraps inside a cell).
 */
export interface TableColumn {
  /** A relative weight: a column of width 3 gets three times the room of a column of width 1. */
  width: number;
}

export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
}

export interface TableRow {
  type: 'TableRow';
  cells: TableCell[];
  style?: 'default' | 'emphasis' | 'accent';
}

export interface Table {
  type: 'Table';
  columns: TableColumn[];
  rows: TableRow[];
  firstRowAsHeaders?: boolean;
  showGridLines?: boolean;
  gridStyle?: 'default' | 'emphasis' | 'accent';
  spacing?: TextBlock['spacing'];
}

/** A table whose first row is the header row (repeated by screen readers for each cell). */
export function table(widths: readonly number[], header: TableRow, rows: TableRow[]): Table {
  return {
    type: 'Table',
    columns: widths.map((width) => ({ width })),
    rows: [header, ...rows],
    firstRowAsHeaders: true,
    showGridLines: true,
    gridStyle: 'accent',
  };
}

export function tableRow(cells: CardElement[][], style?: TableRow['style']): TableRow {
  return {
    type: 'TableRow',
    cells: cells.map((items) => ({ type: 'TableCell', items })),
    ...(style ? { style } : {}),
  };
}
