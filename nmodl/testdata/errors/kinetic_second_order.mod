NEURON {
    SUFFIX x
    USEION k READ ek WRITE ik
}
PARAMETER { g = 0.001 (S/cm2) }
ASSIGNED { v (mV) ek (mV) ik (mA/cm2) }
STATE { A B C }
BREAKPOINT {
    SOLVE kin METHOD sparse
    ik = g*C*(v - ek)
}
KINETIC kin {
    ~ A + B <-> C (1, 2)
}
