package org.greendl.data.spec;

/** How many examples each split holds. */
public record SplitSizes(int train, int test) {}
