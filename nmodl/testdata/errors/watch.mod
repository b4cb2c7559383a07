NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
INITIAL {
    WATCH (v > 0) 1
}
