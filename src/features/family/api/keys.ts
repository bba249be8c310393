/** Query keys of family links; invalidating `familyKeys.all` refreshes my links and the staff queue. */
export const familyKeys = {
  all: ['family'] as const,
  mine: () => ['family', 'mine'] as const,
  queue: () => ['family', 'queue'] as const,
};
