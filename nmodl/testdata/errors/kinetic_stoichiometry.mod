NEURON {
    SUFFIX x
    USEION k READ ek WRITE ik
}
PARAMETER { g = 0.001 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) }
STATE { A C }
BREAKPOINT {
    SOLVE kin METHOD sparse
    ik = g*C*(v - ek)
}
KINETIC kin {
    ~ 2A <-> C (1, 2)
}
