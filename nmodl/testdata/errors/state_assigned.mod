NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) }
STATE { m }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    m = 1
    i = g*m*v
}
