NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) a gna }
BREAKPOINT {
    gna = g*v
    if (gna > 0) {
        a = 1
    }
    i = g*a*(v - e)
}
