NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
ASSIGNED { a }
BREAKPOINT {
    if (v > 0) {
        a = 1
    }
    i = g*a*(v - e)
}
