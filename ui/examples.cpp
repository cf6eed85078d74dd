#include "ui/examples.hpp"

#include <QStringList>

namespace adviz::ui {

namespace {

// A recurrence `name₁ = step(x)`, `name₂ = step(name₁)`, …: a deep chain, where checkpointing
// pays. `step` uses %1 for the previous value.
QString recurrence(const QString& comment, const QString& name, const QString& step, int n) {
    QString s = "# " + comment + "\n";
    QString prev = QStringLiteral("x");
    for (int k = 1; k <= n; ++k) {
        QString next = name + QString::number(k);
        s += next + " = " + QString(step).replace(QStringLiteral("%1"), prev) + "\n";
        prev = next;
    }
    return s;
}

QString tanhNetwork(int layers) {
    return recurrence(QStringLiteral("a %1-layer scalar tanh network: try Reverse with √T or "
                                     "binomial checkpoints").arg(layers),
                      QStringLiteral("h"), QStringLiteral("tanh(0.9*%1 + 0.1)"), layers);
}

QString logisticMap(int steps) {
    return recurrence(QStringLiteral("the logistic map x(k+1) = r·x(k)·(1 − x(k)), %1 steps").arg(steps),
                      QStringLiteral("x"), QStringLiteral("r*%1*(1 - %1)"), steps);
}

// One input, ten outputs (forward mode: 1 sweep) or ten inputs, one output (reverse: 1 sweep).
QString fanOut(int n) {
    QString s = QStringLiteral("# J is %1 × 1: one forward sweep, or %1 reverse sweeps\n").arg(n);
    for (int k = 1; k <= n; ++k) s += QStringLiteral("y%1 = sin(%1*x)\n").arg(k);
    return s;
}
QString fanIn(int n) {
    QString s = QStringLiteral("# J is 1 × %1: one reverse sweep, or %1 forward sweeps\nf = ").arg(n);
    for (int k = 1; k <= n; ++k) s += QStringLiteral("%1sin(x%2)").arg(k > 1 ? " + " : "").arg(k);
    return s + "\n";
}
QString fanInValues(int n) {
    QStringList v;
    for (int k = 1; k <= n; ++k) v << QStringLiteral("x%1=%2").arg(k).arg(0.1 * k);
    return v.join(',');
}

}  // namespace

const std::vector<Example>& examples() {
    static const std::vector<Example> list{
        {QStringLiteral("(x + y)·sin(x): the theory's example"), QStringLiteral("(x+y)*sin(x)"),
         QStringLiteral("x=1,y=2"), QStringLiteral("reverse")},
        {QStringLiteral("2-layer MLP: 2 inputs, 3 hidden units, squared loss"),
         QStringLiteral("# z1 = W1 x + b1,  h = σ(z1),  z2 = W2 h + b2,  L = (z2 − y)²\n"
                        "z1 = w11*x1 + w12*x2 + b1\n"
                        "z2 = w21*x1 + w22*x2 + b2\n"
                        "z3 = w31*x1 + w32*x2 + b3\n"
                        "h1 = sigmoid(z1); h2 = sigmoid(z2); h3 = sigmoid(z3)\n"
                        "out = v1*h1 + v2*h2 + v3*h3 + c\n"
                        "L = (out - y)^2\n"),
         QStringLiteral("x1=1.5,x2=-0.5,w11=0.1,w12=-0.2,w21=0.4,w22=0.3,w31=-0.5,w32=0.6,"
                        "b1=0.01,b2=-0.02,b3=0.03,v1=0.7,v2=-0.8,v3=0.9,c=0.05,y=0.25"),
         QStringLiteral("reverse")},
        {QStringLiteral("Long chain: sin(sin(sin(…)))"),
         QStringLiteral("sin(sin(sin(sin(sin(sin(sin(sin(x))))))))"), QStringLiteral("x=1"),
         QStringLiteral("forward")},
        {QStringLiteral("More outputs than inputs (1 → 3): forward mode wins"),
         QStringLiteral("# one forward sweep gives all three derivatives\n"
                        "p = x*sin(x)\nq = x*cos(x)\nr = exp(x/2)\n"),
         QStringLiteral("x=0.8"), QStringLiteral("forward")},
        {QStringLiteral("More inputs than outputs (4 → 1): reverse mode wins"),
         QStringLiteral("# one reverse sweep gives the whole gradient\n"
                        "f = a*b + sin(c)*d\n"),
         QStringLiteral("a=1,b=2,c=0.5,d=3"), QStringLiteral("reverse")},
        {QStringLiteral("Jacobian crossover: 1 input, 10 outputs"), fanOut(10), QStringLiteral("x=0.3"),
         QStringLiteral("forward")},
        {QStringLiteral("Jacobian crossover: 10 inputs, 1 output"), fanIn(10), fanInValues(10),
         QStringLiteral("reverse")},
        {QStringLiteral("Diamonds: shared subexpressions"),
         QStringLiteral("a = x*x + x\nb = a*a + a\nc = b*b + b\n"), QStringLiteral("x=0.5"),
         QStringLiteral("reverse")},
        {QStringLiteral("Checkpointing: a 64-layer scalar tanh network"), tanhNetwork(64),
         QStringLiteral("x=0.5"), QStringLiteral("reverse")},
        {QStringLiteral("Checkpointing: the logistic map, 12 steps"), logisticMap(12),
         QStringLiteral("x=0.3,r=3.7"), QStringLiteral("reverse")},
        {QStringLiteral("Rosenbrock in 2-D"), QStringLiteral("(1 - x)^2 + 100*(y - x^2)^2"),
         QStringLiteral("x=-1.2,y=1"), QStringLiteral("reverse")},
    };
    return list;
}

}  // namespace adviz::ui
