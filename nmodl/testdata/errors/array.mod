NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g[3] (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g[0]*v }
