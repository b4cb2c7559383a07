NEURON {
    POINT_PROCESS syn
    NONSPECIFIC_CURRENT i
}
ASSIGNED { v (mV) i (nA) }
STATE { g }
BREAKPOINT { i = g*v }
NET_RECEIVE(w) {
    g = g + w
}
