package org.greendl.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.nio.file.Path;
import java.util.List;

/** The run that {@link ResumeTest} kills: the shared configuration, pausing after each epoch's checkpoint. */
public final class ResumeChild {
    private ResumeChild() {}

    public static void main(String[] args) throws Exception {
        TrainingConfig config = ResumeTest.config(Path.of(args[0]), null).toBuilder()
                .optListeners(List.of(new TrainingListenerAdapter() {
                    @Override
                    public void onEpoch(Trainer trainer) {
                        try {
                            Thread.sleep(3000); // a window to be killed in, after the checkpoint is on disk
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }))
                .build();
        TrainingSession.run(Tiny.model(), ResumeTest.train(), ResumeTest.validation(), null, config);
    }
}
