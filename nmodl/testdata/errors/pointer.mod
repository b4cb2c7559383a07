NEURON {
    SUFFIX x
    NONSPECIFIC_CURRENT i
    POINTER stim
}
ASSIGNED { v (mV) i (mA/cm2) stim }
BREAKPOINT { i = 0.001*stim }
