TITLE im.mod: slow non-inactivating potassium current (M current)

COMMENT
Yamada, Koch & Adams (1989) as simplified by Destexhe & Pare (1999) and used by
Pospischil et al. (2008):
  m_inf = 1/(1 + exp(-(v + 35)/10))
  tau_m = taumax/(3.3 exp((v + 35)/20) + exp(-(v + 35)/20)) / tadj
  tadj  = 2.3^((celsius - 36)/10)
Written for einetc's test corpus from those equations.
ENDCOMMENT

NEURON {
    SUFFIX im
    USEION k READ ek WRITE ik
    RANGE gkbar, m_inf, tau_m
    GLOBAL taumax
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
}

PARAMETER {
    gkbar = 1e-6 (mho/cm2)
    taumax = 1000 (ms)
}

STATE { m }

ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    m_inf
    tau_m (ms)
    tadj
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gkbar*m*(v - ek)
}

DERIVATIVE states {
    evaluate_fct(v)
    m' = (m_inf - m)/tau_m
}

UNITSOFF
INITIAL {
    evaluate_fct(v)
    m = 0
}

PROCEDURE evaluate_fct(v(mV)) {
    tadj = 2.3 ^ ((celsius - 36)/10)
    m_inf = 1/(1 + exp(-(v + 35)/10))
    tau_m = taumax/(3.3*exp((v + 35)/20) + exp(-(v + 35)/20))/tadj
}
UNITSON
