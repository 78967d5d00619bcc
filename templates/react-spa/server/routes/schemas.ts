/** JSON schemas shared by the route plugins. */

/** `?bookmark=` of a list page. */
export const listQuery = {
  type: 'object',
  properties: { bookmark: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/** `:boardId`: Pinterest ids are digits. */
export const boardIdParams = {
  type: 'object',
  properties: { boardId: { type: 'string', pattern: '^[0-9]{1,32}$' } },
  required: ['boardId'],
} as const;
