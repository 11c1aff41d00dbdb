// Lesson 1: a scalar function, its gradient and its gradient's gradient, checked against finite differences.
// Run: bin/metarec lesson 1        (the text is docs/lessons/lesson-1.md)

import java.util.List;
import org.metarec.autodiff.Autodiff;
import org.metarec.autodiff.Tensor;

public class Lesson1 {

    /** f(x) = x^2 sin(x), built from the engine's operations, so it records its graph. */
    static Tensor f(Tensor x) {
        return x.pow(2).mul(x.sin());
    }

    /** f at a plain number, with nothing recorded. */
    static double fAt(double x) {
        return f(Tensor.scalar(x)).item();
    }

    /** The engine's f'(x) at a plain number: grad of f, with no graph kept. */
    static double dfAt(double x) {
        Tensor v = Tensor.scalar(x).asVariable();
        return Autodiff.grad(f(v), List.of(v), false).get(0).item();
    }

    public static void main(String[] args) {
        double x0 = 1.3;
        Tensor x = Tensor.scalar(x0).asVariable();
        Tensor y = f(x);
        // createGraph = true: the gradient is itself a result in a graph, so it can be differentiated again.
        Tensor dy = Autodiff.grad(y, List.of(x), true).get(0);
        Tensor ddy = Autodiff.grad(dy, List.of(x), false).get(0);

        // By hand: f' = 2x sin x + x^2 cos x, f'' = 2 sin x + 4x cos x - x^2 sin x.
        double s = Math.sin(x0), c = Math.cos(x0);
        double d1 = 2 * x0 * s + x0 * x0 * c;
        double d2 = 2 * s + 4 * x0 * c - x0 * x0 * s;

        // Central differences, step h: of f for f', and of the engine's f' for f'' (never a
        // second difference of f: each difference loses digits, two of them lose too many).
        double h = 1e-5;
        double fd1 = (fAt(x0 + h) - fAt(x0 - h)) / (2 * h);
        double fd2 = (dfAt(x0 + h) - dfAt(x0 - h)) / (2 * h);

        System.out.printf("f(x) = x^2 sin(x) at x = %.1f%n", x0);
        System.out.printf("f(x)   engine %.12f%n", y.item());
        System.out.printf("f'(x)  engine %.12f   by hand %.12f   finite differences %.12f%n", dy.item(), d1, fd1);
        System.out.printf("f''(x) engine %.12f   by hand %.12f   finite differences %.12f%n", ddy.item(), d2, fd2);
        System.out.printf("engine - by hand:             f' %.1e   f'' %.1e%n", dy.item() - d1, ddy.item() - d2);
        System.out.printf("engine - finite differences:  f' %.1e   f'' %.1e%n", dy.item() - fd1, ddy.item() - fd2);
        System.out.printf("the gradient requires a gradient: %b (createGraph = true); the second one: %b%n",
                dy.requiresGrad(), ddy.requiresGrad());
    }
}
