NEURON {
    SUFFIX x
    USEION na READ ena WRITE ina
    NONSPECIFIC_CURRENT i
}
PARAMETER { g = 0.001 (S/cm2) }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) i (mA/cm2) }
BREAKPOINT { i = g*v }
