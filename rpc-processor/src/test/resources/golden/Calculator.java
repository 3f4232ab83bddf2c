package test;

import dev.vireo.rpc.annotation.Oneway;
import dev.vireo.rpc.annotation.Remote;
import dev.vireo.rpc.annotation.Timeout;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Remote
public interface Calculator {
  int add(int a, int b);

  @Timeout(millis = 250)
  CompletableFuture<Double> divide(double dividend, double divisor);

  List<Long> running(long[] values) throws IOException;

  @Oneway
  void reset();
}
