import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface MaxFieldsOptions {
  /** Most field selections one response object may be asked for (fragments at that level merged in). */
  perSelectionSet: number;
  /** Most field selections in one operation, every fragment spread counted where it is spread. */
  perOperation: number;
}

interface Counts {
  /** Fields landing in this selection set's object: its own plus those of its fragments. */
  merged: number;
  /** Every field below, fragments expanded. */
  total: number;
  /** The largest `merged` of this set and every set nested in it. */
  maxMerged: number;
}

/**
 * Caps field selections. GraphQL merges repeated fields, so `{ systemInfo { dialect dialect … } }`
 * costs the resolvers nothing extra and slips past depth and cost limits, yet every repetition
 * is still parsed, validated and merged (field merging is quadratic in the worst case). Fragment
 * results are memoised, so a chain of fragments spreading each other twice is counted in linear
 * time instead of being expanded.
 */
export function maxFieldsRule(opts: MaxFieldsOptions): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentCounts = new Map<string, Counts | 'visiting'>();

    const ofFragment = (fragment: FragmentDefinitionNode | null | undefined): Counts => {
      if (!fragment) return { merged: 0, total: 0, maxMerged: 0 }; // KnownFragmentNamesRule reports it
      const name = fragment.name.value;
      const known = fragmentCounts.get(name);
      if (known === 'visiting') return { merged: 0, total: 0, maxMerged: 0 }; // NoFragmentCyclesRule reports it
      if (known) return known;
      fragmentCounts.set(name, 'visiting');
      const counts = ofSet(fragment.selectionSet);
      fragmentCounts.set(name, counts);
      return counts;
    };

    const ofSet = (set: SelectionSetNode): Counts => {
      let merged = 0;
      let total = 0;
      let nestedMax = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          merged += 1;
          total += 1;
          if (sel.selectionSet) {
            const sub = ofSet(sel.selectionSet);
            total += sub.total;
            nestedMax = Math.max(nestedMax, sub.maxMerged);
          }
        } else {
          // Inline fragments and spreads add their fields to this same response object.
          const sub = sel.kind === Kind.INLINE_FRAGMENT ? ofSet(sel.selectionSet) : ofFragment(context.getFragment(sel.name.value));
          merged += sub.merged;
          total += sub.total;
          nestedMax = Math.max(nestedMax, sub.maxMerged);
        }
      }
      return { merged, total, maxMerged: Math.max(merged, nestedMax) };
    };

    return {
      OperationDefinition(node) {
        const counts = ofSet(node.selectionSet);
        if (counts.maxMerged > opts.perSelectionSet) {
          context.reportError(
            new GraphQLError(`Field limit of ${opts.perSelectionSet} per selection set exceeded, found ${counts.maxMerged}.`, { nodes: [node] }),
          );
        }
        if (counts.total > opts.perOperation) {
          context.reportError(new GraphQLError(`Field limit of ${opts.perOperation} per operation exceeded, found ${counts.total}.`, { nodes: [node] }));
        }
        return false;
      },
    };
  };
}
