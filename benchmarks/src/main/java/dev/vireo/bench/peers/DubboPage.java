package dev.vireo.bench.peers;

import java.io.Serializable;
import java.util.List;

/** A page of users for Dubbo. */
public class DubboPage implements Serializable {
  private static final long serialVersionUID = 1L;

  public int pageNo;
  public int total;
  public List<DubboUser> result;
}
