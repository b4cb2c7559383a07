TITLE kv.mod: delayed-rectifier potassium current with a q10 temperature factor

COMMENT
The Hodgkin-Huxley-type K current of Mainen & Sejnowski (1996), rates measured
at 23 degC and scaled by q10^((celsius - 23)/10); conductance in pS/um2.
Written for einetc's test corpus from the published equations.
ENDCOMMENT

NEURON {
    SUFFIX kv
    USEION k READ ek WRITE ik
    RANGE n, gk, gbar
    RANGE ninf, ntau
    GLOBAL Ra, Rb
    GLOBAL q10, temp, tadj
    THREADSAFE
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (pS) = (picosiemens)
    (um) = (micron)
}

PARAMETER {
    gbar = 5 (pS/um2)
    tha = 25 (mV)
    qa = 9 (mV)
    Ra = 0.02 (/ms)
    Rb = 0.002 (/ms)
    temp = 23 (degC)
    q10 = 2.3
}

ASSIGNED {
    v (mV)
    celsius (degC)
    a (/ms) b (/ms)
    ik (mA/cm2)
    gk (pS/um2)
    ek (mV)
    ninf
    ntau (ms)
    tadj
}

STATE { n }

INITIAL {
    trates(v)
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    gk = tadj*gbar*n
    ik = (1e-4) * gk * (v - ek)   : pS/um2 * mV = 1e-4 mA/cm2
}

LOCAL nexp

DERIVATIVE states {
    trates(v)
    n' = (ninf - n)/ntau
}

PROCEDURE trates(v (mV)) {
    TABLE ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 200
    rates(v)
}

PROCEDURE rates(vm (mV)) {
    a = Ra * qa * efun(-(vm - tha)/qa)
    b = Rb * qa * efun((vm - tha)/qa)
    tadj = q10^((celsius - temp)/10)
    ntau = 1/tadj/(a + b)
    ninf = a/(a + b)
}

FUNCTION efun(z) {
    : z/(exp(z) - 1), guarded near z = 0
    if (fabs(z) < 1e-4) {
        efun = 1 - z/2
    } else {
        efun = z/(exp(z) - 1)
    }
}
