package io.pitwall.simulators.scenario;

/** What moves the car. */
public enum Powertrain { COMBUSTION, ELECTRIC }
