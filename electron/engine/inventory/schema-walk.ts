/** Finding the sub-schema at a path of the inventory (for messages and key order). */
import { z } from 'zod';
import type { PathSegment } from './issues';

/** Strips optional/default/prefault/nullable wrappers. */
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap();
    } else {
      return current;
    }
  }
}

/** The schema that validates the value at `path`, when there is one. */
export function schemaAt(
  root: z.core.$ZodType,
  path: readonly PathSegment[],
): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = unwrapSchema(root);
  for (const segment of path) {
    if (current instanceof z.ZodObject && typeof segment === 'string') {
      const shape = current.shape as Record<string, z.core.$ZodType>;
      current = Object.hasOwn(shape, segment) ? shape[segment] : undefined;
    } else if (current instanceof z.ZodArray && typeof segment === 'number') {
      current = current.element;
    } else if (current instanceof z.ZodRecord) {
      current = current.valueType;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
    current = unwrapSchema(current);
  }
  return current;
}

/** The keys an object schema knows, in declaration order; [] for anything else. */
export function objectKeys(schema: z.core.$ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
}
