package vn.lienthong.core.routing;

import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The outbox relay's scheduler. A polling endpoint that stops cancels its task with an
 * interrupt, which broke off the batch the relay was sending to the broker as the gateway
 * stopped: its transaction rolled back (the orders stayed in the outbox, nothing was lost),
 * but every stop under load logged a failed send. Here a cancelled poll is not interrupted:
 * the batch in flight is sent and committed, and no further poll starts; the scheduler waits
 * for it when it shuts down.
 */
final class RelayScheduler extends ThreadPoolTaskScheduler {

    RelayScheduler() {
        setThreadNamePrefix("outbox-relay-");
        setPoolSize(1);
        setWaitForTasksToCompleteOnShutdown(true);
    }

    @Override
    public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        ScheduledFuture<?> scheduled = super.schedule(task, trigger);
        return scheduled == null ? null : new Uninterrupted(scheduled);
    }

    /** Cancels without interrupting a poll that is running; everything else as the scheduler's own future. */
    private record Uninterrupted(ScheduledFuture<?> scheduled) implements ScheduledFuture<Object> {

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return scheduled.cancel(false);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return scheduled.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return scheduled.compareTo(other);
        }

        @Override
        public boolean isCancelled() {
            return scheduled.isCancelled();
        }

        @Override
        public boolean isDone() {
            return scheduled.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return scheduled.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return scheduled.get(timeout, unit);
        }
    }
}
