NEURON {
    SUFFIX x
    USEION ca READ cal WRITE ica, eca
    NONSPECIFIC_CURRENT i
}
ASSIGNED { v (mV) ica (mA/cm2) i (mA/cm2) }
BREAKPOINT { ica = 0  i = 0 }
