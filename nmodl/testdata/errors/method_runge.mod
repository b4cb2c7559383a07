NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) }
STATE { m }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    SOLVE s METHOD runge
    i = g*m*v
}
DERIVATIVE s { m' = -m }
