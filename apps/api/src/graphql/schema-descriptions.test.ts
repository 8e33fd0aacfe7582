// Every public type, field, argument, input field and enum value says what it is: the SDL is
// what partners read, and graphql-eslint's require-description skips root fields when a schema
// has both Query and Mutation, so this walks the schema itself.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from './schema/index.js';

/** The schema's own types: introspection's and the built-in scalars are graphql-js's. */
function publicTypes(): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
  );
}

function described(item: { description?: string | null | undefined }): boolean {
  return typeof item.description === 'string' && item.description.trim().length > 0;
}

/** Every place a description belongs, by its SDL coordinate (Type.field(arg:)). */
function undescribed(): string[] {
  const missing: string[] = [];
  for (const type of publicTypes()) {
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args as readonly GraphQLArgument[]) {
          if (!described(arg)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('the public schema', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed()).toEqual([]);
  });

  it('walks every kind of definition it checks (a walk that sees nothing proves nothing)', () => {
    const types = publicTypes();
    expect(types.some(isObjectType)).toBe(true);
    expect(types.some(isInputObjectType)).toBe(true);
    expect(types.some(isEnumType)).toBe(true);
    expect(types.some(isInterfaceType)).toBe(true);
    expect(types.map((type) => type.name)).toEqual(
      expect.arrayContaining(['Query', 'Mutation', 'Claim', 'Guarantee', 'Package', 'Document']),
    );
  });
});
