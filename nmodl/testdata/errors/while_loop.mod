NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    while (v > 0) { v = v - 1 }
    i = g*(v - e)
}
