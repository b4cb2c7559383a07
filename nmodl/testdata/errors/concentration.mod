NEURON {
    SUFFIX cad
    USEION ca READ ica, cai WRITE cai
}
STATE { cai (mM) }
ASSIGNED { v (mV) ica (mA/cm2) }
BREAKPOINT { SOLVE s METHOD cnexp }
DERIVATIVE s { cai' = -ica }
