// The cost bound of an operation, counted with its variables. graphql-armor's cost rule is a
// validation rule: it sees the document only, so it multiplies a connection's cost by `first`
// when `first` is written literally and by 1 when it comes from a variable or is left out.
// The same nested `claims { guarantee { claims } }` query then passed with `first: $n`. Here
// a connection costs what it can return whichever way `first` arrives: the literal, the
// variable's value, the variable's default, else the page size the resolvers use.
//
// The plan of an operation (its shape, with the places where a variable decides a multiplier)
// is built once per document; a request only evaluates it with its variables. Apollo checks it
// at `didResolveOperation` (after validation, before execution: variables are known there);
// the prepared-operations lane evaluates the same plan and hands an operation over the bound
// back to Apollo, so both refuse alike.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../services/keyset-cursor.js';

/**
 * The cost model (graphql-armor's weights): a scalar costs 1; an object 2 plus 1.5 times what
 * it selects, so deeper selections weigh more; a connection that many times over as it may
 * return nodes. Fragments count as if written inline: the same query costs the same however
 * it is spelled. Introspection (`__schema`, `__type`) costs nothing.
 */
const SCALAR_COST = 1;
const OBJECT_COST = 2;
const DEPTH_FACTOR = 1.5;
/** The arguments that say how many nodes a connection returns. */
const PAGE_ARGUMENTS = ['first', 'last'] as const;

type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** Where a connection's page size comes from. */
type PageSize =
  | { readonly kind: 'fixed'; readonly size: number }
  | {
      readonly kind: 'variables';
      /** For each page argument given as a variable: its name and its default. */
      readonly sources: readonly { readonly variable: string; readonly fallback: number | null }[];
      /** The larger of the literal page arguments, or null when none was literal. */
      readonly literal: number | null;
      /** The page size when no argument has a value. */
      readonly otherwise: number;
    };

/** A selection set's cost: a constant part, plus fields whose cost depends on variables. */
interface CostNode {
  readonly constant: number;
  readonly variable: readonly { readonly page: PageSize; readonly inner: CostNode }[];
  /** Fragments spread here (shared nodes, evaluated once per request). */
  readonly spreads: readonly CostNode[];
  /** No variable decides any part of it: `constant` is its whole cost. */
  readonly fixed: boolean;
}

/** An operation's cost, ready to evaluate with each request's variables. */
export interface CostPlan {
  cost(variables: Variables): number;
}

/** Builds the plan of one operation of a validated document. */
export function planOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CostPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const defaults = new Map<string, number | null>();
  for (const definition of operation.variableDefinitions ?? []) {
    defaults.set(definition.variable.name.value, defaultOf(definition));
  }
  const planned = new Map<string, CostNode>();
  const rootType = schema.getRootType(operation.operation);

  function plan(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
  ): CostNode {
    let constant = 0;
    const variable: { page: PageSize; inner: CostNode }[] = [];
    const spreads: CostNode[] = [];
    /** A fragment's selections, folded in when no variable decides them. */
    const add = (fragment: CostNode) => {
      if (fragment.fixed) constant += fragment.constant;
      else spreads.push(fragment);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        add(plan(selection.selectionSet, isCompositeType(type) ? type : undefined));
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(planFragment(selection.name.value));
        continue;
      }
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') continue;
      if (!selection.selectionSet) {
        constant += SCALAR_COST;
        continue;
      }
      const field = fieldOf(parent, name);
      const type = field ? getNamedType(field.type) : undefined;
      const inner = plan(selection.selectionSet, isCompositeType(type) ? type : undefined);
      const page = pageSizeOf(field, selection.arguments ?? [], defaults);
      if (page.kind === 'fixed' && inner.fixed) {
        constant += objectCost(inner.constant) * page.size;
      } else {
        variable.push({ page, inner });
      }
    }
    const fixed = variable.length === 0 && spreads.length === 0;
    return { constant, variable, spreads, fixed };
  }

  function planFragment(name: string): CostNode {
    let node = planned.get(name);
    if (!node) {
      const fragment = fragments.get(name);
      if (!fragment) return { constant: 0, variable: [], spreads: [], fixed: true }; // not valid
      const type = schema.getType(fragment.typeCondition.name.value);
      // Validation refused fragment cycles, so this recursion ends.
      node = plan(fragment.selectionSet, isCompositeType(type) ? type : undefined);
      planned.set(name, node);
    }
    return node;
  }

  const root = plan(operation.selectionSet, rootType ?? undefined);
  if (root.fixed) return { cost: () => root.constant };
  return { cost: (variables) => costOf(root, variables, new Map()) };
}

/** The error Apollo answers an operation over the bound with: HTTP 400, no `data`. */
function costLimitError(maxCost: number, cost: number): GraphQLError {
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${Math.round(cost)}.`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/**
 * Refuses an operation over `maxCost`, counted with the request's variables. Plans are kept
 * per operation node: Apollo caches parsed documents, so a document is planned once.
 */
export function queryCostPlugin<TContext extends object>(
  maxCost: number,
): ApolloServerPlugin<TContext> {
  const plans = new WeakMap<OperationDefinitionNode, CostPlan>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has already refused the request
          let plan = plans.get(operation);
          if (!plan) {
            plan = planOperationCost(schema, document, operation);
            plans.set(operation, plan);
          }
          const cost = plan.cost(request.variables);
          if (cost > maxCost) throw costLimitError(maxCost, cost);
        },
      };
    },
  };
}

function objectCost(inner: number): number {
  return OBJECT_COST + DEPTH_FACTOR * inner;
}

/** A node's cost; a fragment spread in several places is evaluated once (`memo`). */
function costOf(node: CostNode, variables: Variables, memo: Map<CostNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let cost = node.constant;
  for (const { page, inner } of node.variable) {
    cost += objectCost(costOf(inner, variables, memo)) * sizeOf(page, variables);
  }
  for (const spread of node.spreads) cost += costOf(spread, variables, memo);
  memo.set(node, cost);
  return cost;
}

function fieldOf(
  parent: GraphQLCompositeType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent))
    ? parent.getFields()[name]
    : undefined;
}

/**
 * How many nodes a field may return. Fields without a page argument return one object (lists
 * of those are bounded by the data, as in graphql-armor). A connection returns the larger of
 * its `first` and `last`, each the literal, or the variable's value or default; with neither
 * given, the argument's schema default, else the resolvers' default page size.
 */
function pageSizeOf(
  field: GraphQLField<unknown, unknown> | undefined,
  given: readonly { name: { value: string }; value: ValueNode }[],
  defaults: ReadonlyMap<string, number | null>,
): PageSize {
  const pageArguments = (field?.args ?? []).filter((arg) =>
    (PAGE_ARGUMENTS as readonly string[]).includes(arg.name),
  );
  if (pageArguments.length === 0) return { kind: 'fixed', size: 1 };
  const otherwise = schemaDefaultOf(pageArguments) ?? DEFAULT_PAGE_SIZE;
  let literal: number | null = null;
  const sources: { variable: string; fallback: number | null }[] = [];
  for (const argument of given) {
    if (!(PAGE_ARGUMENTS as readonly string[]).includes(argument.name.value)) continue;
    const value = argument.value;
    if (value.kind === Kind.VARIABLE) {
      sources.push({
        variable: value.name.value,
        fallback: defaults.get(value.name.value) ?? null,
      });
    } else if (value.kind === Kind.INT) {
      literal = Math.max(literal ?? 1, pageOf(Number(value.value)));
    }
    // A literal null is no page size: the default applies unless another argument gives one.
  }
  if (sources.length === 0) return { kind: 'fixed', size: literal ?? otherwise };
  return { kind: 'variables', sources, literal, otherwise };
}

function sizeOf(page: PageSize, variables: Variables): number {
  if (page.kind === 'fixed') return page.size;
  let size = page.literal;
  for (const { variable, fallback } of page.sources) {
    const value = variables?.[variable];
    const resolved = value === undefined || value === null ? fallback : pageOfValue(value);
    if (resolved !== null) size = Math.max(size ?? 1, resolved);
  }
  return size ?? page.otherwise;
}

/**
 * A variable's value as a page size. Values that are no number never run (variable coercion
 * refuses them before any resolver); they count as the default page size meanwhile.
 */
function pageOfValue(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? pageOf(value) : DEFAULT_PAGE_SIZE;
}

/** At least 1 (graphql-armor's floor): `first: 0` or a negative count is refused anyway. */
function pageOf(value: number): number {
  return Math.max(1, Math.ceil(value));
}

function defaultOf(definition: VariableDefinitionNode): number | null {
  const value = definition.defaultValue;
  return value?.kind === Kind.INT ? pageOf(Number(value.value)) : null;
}

function schemaDefaultOf(pageArguments: readonly GraphQLArgument[]): number | null {
  let size: number | null = null;
  for (const argument of pageArguments) {
    if (typeof argument.defaultValue === 'number') {
      size = Math.max(size ?? 1, pageOf(argument.defaultValue));
    }
  }
  return size;
}
