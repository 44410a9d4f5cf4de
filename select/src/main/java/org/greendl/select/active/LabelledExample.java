package org.greendl.select.active;

/** An example whose label is known: its id in the image set, its class, and the round that queried it. */
public record LabelledExample(int id, int label, int round) {}
