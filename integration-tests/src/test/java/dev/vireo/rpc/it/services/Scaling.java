package dev.vireo.rpc.it.services;

/** An enum whose constants have bodies of their own: each is an anonymous subclass. */
public enum Scaling {
  DOUBLE {
    @Override
    public double apply(double value) {
      return value * 2;
    }
  },
  HALF {
    @Override
    public double apply(double value) {
      return value / 2;
    }
  };

  public abstract double apply(double value);
}
