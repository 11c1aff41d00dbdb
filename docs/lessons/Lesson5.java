// Lesson 5: a cold-start user: adapting a meta-trained recommender from 5 ratings, before and after.
// Run: bin/metarec lesson 5        (the text is docs/lessons/lesson-5.md)

import java.util.Arrays;
import java.util.List;
import org.metarec.algorithms.parallel.TaskPool;
import org.metarec.algorithms.rec.Personalizer;
import org.metarec.algorithms.rec.Recommendation;
import org.metarec.algorithms.rec.data.UserContext;
import org.metarec.core.data.Dataset;
import org.metarec.core.data.Interactions;
import org.metarec.core.synthetic.SyntheticWorld;
import org.metarec.core.tasks.ColdStartSplit;
import org.metarec.core.tasks.RatingTask;
import org.metarec.experiments.study.crossdomain.CrossDomainProtocol;
import org.metarec.experiments.study.crossdomain.CrossDomainSetup;
import org.metarec.experiments.study.crossdomain.CrossDomainStudy;

public class Lesson5 {

    public static void main(String[] args) {
        // A synthetic world of 300 users and three domains of 60 items; ratings come from hidden user and
        // item factors. Domain d2 is the target: 30% of its users are new, with 5 ratings each to adapt on.
        Dataset world = SyntheticWorld.generate(SyntheticWorld.Config.defaults().withUsers(300)
                .withItemsPerDomain(60).withLatentDim(3).withMeanRatingsPerUser(40).withSeed(5)).dataset();
        ColdStartSplit.Config split = CrossDomainProtocol.split(List.of("d0", "d1"), "d2", 0.3, 5);
        CrossDomainSetup setup = CrossDomainSetup.prepare(world, split, 5);

        // MAML over users, on matrix factorisation: each user is a task, the user's embedding and bias adapt.
        CrossDomainProtocol p = CrossDomainProtocol.defaults("maml", "mf", 5, split);
        p = p.withTraining(p.training().withBudgets(2000, 2, 2000, 500));
        CrossDomainStudy.Trained trained;
        try (TaskPool pool = new TaskPool(1)) {
            trained = new CrossDomainStudy(setup, p).train(pool);
        }

        Interactions x = world.interactions();
        Personalizer personalizer = Personalizer.forDomain(trained.recommender(), setup.testFactory(), setup.target());
        RatingTask task = setup.split().testTasks().get(0);
        UserContext who = setup.testFactory().context(task.user(), setup.target());
        int[] items = Arrays.stream(task.supportRows()).map(x::item).toArray();
        double[] ratings = x.ratings(task.supportRows());

        System.out.printf("user %s, new to %s: %d ratings to adapt on, %d held back to test%n",
                x.userIds().rawId(task.user()), "d2", items.length, task.queryRows().length);
        for (int i = 0; i < items.length; i++) {
            System.out.printf("  rated %-8s %.0f%n", x.itemIds().rawId(items[i]), ratings[i]);
        }
        double[] before = personalizer.score(who, new int[0], new double[0]);   // the meta-learned start
        double[] after = personalizer.score(who, items, ratings);              // after the inner steps
        System.out.printf("RMSE on the %d held-back ratings: before adapting %.3f, after %.3f%n",
                task.queryRows().length, rmse(personalizer, before, task, x), rmse(personalizer, after, task, x));
        print("top 5 before adapting (every new user gets these):", personalizer.recommend(who, new int[0], new double[0], 5));
        print("top 5 after adapting to the 5 ratings:", personalizer.recommend(who, items, ratings, 5));

        // One user is one draw; over every new user of the target domain:
        double sumBefore = 0, sumAfter = 0;
        List<RatingTask> users = setup.split().testTasks();
        for (RatingTask t : users) {
            UserContext u = setup.testFactory().context(t.user(), setup.target());
            int[] rated = Arrays.stream(t.supportRows()).map(x::item).toArray();
            sumBefore += rmse(personalizer, personalizer.score(u, new int[0], new double[0]), t, x);
            sumAfter += rmse(personalizer, personalizer.score(u, rated, x.ratings(t.supportRows())), t, x);
        }
        System.out.printf("mean RMSE over all %d new users: before adapting %.3f, after %.3f%n", users.size(),
                sumBefore / users.size(), sumAfter / users.size());
    }

    /** RMSE of the candidates' scores on the user's held-back rows. */
    static double rmse(Personalizer p, double[] scores, RatingTask task, Interactions x) {
        int[] candidates = p.candidates();
        double s = 0;
        for (int row : task.queryRows()) {
            int item = x.item(row);
            int c = 0;
            while (candidates[c] != item) {
                c++;
            }
            double e = scores[c] - x.rating(row);
            s += e * e;
        }
        return Math.sqrt(s / task.queryRows().length);
    }

    static void print(String title, List<Recommendation> top) {
        System.out.println(title);
        for (Recommendation r : top) {
            System.out.printf("  %-8s predicted %.3f%n", r.itemId(), r.predicted());
        }
    }
}
