NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
ASSIGNED { a }
BREAKPOINT {
    r(v)
    r(v + 1)
    i = g*a*(v - e)
}
PROCEDURE r(x) {
    a = x
}
