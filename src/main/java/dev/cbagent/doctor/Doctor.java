package dev.cbagent.doctor;

import dev.cbagent.error.Redactor;
import dev.cbagent.plan.ProfileCheck;
import dev.cbagent.text.Durations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The preflight: every check at once, each on its own thread, the report in a fixed order by the deadline.
 * A check still running at the deadline fails with "no answer"; secrets are masked in every detail.
 */
public final class Doctor {
    private final CheckList checkList;
    private final DoctorSettings settings;

    public Doctor(DoctorEnvironment environment, DoctorSettings settings) {
        this.checkList = new CheckList(environment, settings);
        this.settings = settings;
    }

    public DoctorReport examine(ProfileCheck.Checked profile) {
        List<CheckResult> results = new ArrayList<>();
        results.add(ProfileValidity.of(profile));
        if (profile.model() == null) {
            return new DoctorReport(results);
        }
        Redactor redactor = new Redactor(profile.model().secretValues());
        for (CheckResult result : run(checkList.of(profile.model()))) {
            results.add(result.withDetail(redactor.redact(result.detail())));
        }
        return new DoctorReport(results);
    }

    List<CheckResult> run(List<Check> checks) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, checks.size()), runnable -> {
            Thread thread = new Thread(runnable, "cbagent-doctor");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Check check : checks) {
                futures.add(executor.submit(check::run));
            }
            long deadline = System.nanoTime() + settings.deadline().toNanos();
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                results.add(await(checks.get(i), futures.get(i), deadline));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private CheckResult await(Check check, Future<CheckResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.fail(check.name(), check.failureCode(), "no answer within "
                    + Durations.format(settings.deadline()) + " (the network or name service is too slow)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return CheckResult.fail(check.name(), check.failureCode(), "the check itself failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(check.name(), check.failureCode(), "interrupted");
        }
    }
}
