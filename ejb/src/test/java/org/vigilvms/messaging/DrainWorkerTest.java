package org.vigilvms.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DrainWorkerTest {

    /** A drain that answers from a script: how many it took, or a rollback; stops the worker after the last answer. */
    private static final class ScriptedDrain extends QueueDrain {
        final List<Integer> asked = new ArrayList<>();
        private final List<Integer> answers;
        DrainWorker worker;

        ScriptedDrain(List<Integer> answers) {
            this.answers = answers;
        }

        @Override
        public int drain(ConnectionFactory factory, Queue queue, int most, long waitMs, Consumer<Message> handler) {
            asked.add(most);
            int answer = answers.get(asked.size() - 1);
            if (asked.size() == answers.size()) {
                worker.stop();
            }
            if (answer < 0) {
                throw new EJBTransactionRolledbackException("a message of the batch cannot be stored");
            }
            return answer;
        }
    }

    private static List<Integer> run(List<Integer> answers) {
        ScriptedDrain drain = new ScriptedDrain(answers);
        drain.worker = new DrainWorker(drain, null, null, "vigil.test", 3, message -> { });
        drain.worker.run();
        return drain.asked;
    }

    @Test
    void afterARolledBackBatchItsMessagesAreTakenOneAtATimeThenFullBatchesResume() {
        assertEquals(List.of(3, 3, 1, 1, 1, 3), run(List.of(3, -1, 1, 1, 1, 3)));
    }

    @Test
    void aMessageThatFailsAloneStartsTheSinglesOverAndTheLoopGoesOn() {
        assertEquals(List.of(3, 1, 1, 1, 1, 1, 3), run(List.of(-1, 1, -1, 1, 1, 1, 3)));
    }

    @Test
    void anEmptyQueueKeepsAskingForFullBatches() {
        assertEquals(List.of(3, 3, 3), run(List.of(0, 0, 0)));
    }
}
