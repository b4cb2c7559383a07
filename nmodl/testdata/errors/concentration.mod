NEURON {
    SUFFIX cad
    USEION ca READ ica WRITE cai
}
ASSIGNED { v (mV) ica (mA/cm2) cai (mM) }
BREAKPOINT { cai = -ica }
