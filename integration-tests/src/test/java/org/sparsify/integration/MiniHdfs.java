package org.sparsify.integration;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS (Hadoop's MiniDFSCluster, one name node and one data node) listening on
 * 127.0.0.1, with its blocks under the test work folder.
 */
final class MiniHdfs implements AutoCloseable {

    private final MiniDFSCluster cluster;
    private final URI uri;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
        this.uri = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    static MiniHdfs start(Path baseDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setInt("dfs.replication", 1);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile())
                .numDataNodes(1)
                .format(true)
                .build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** Returns the file system root, {@code hdfs://127.0.0.1:PORT}. */
    URI uri() {
        return uri;
    }

    /** Returns {@code hdfs://127.0.0.1:PORT/relative}. */
    String path(String relative) {
        return uri + "/" + relative.replaceFirst("^/+", "");
    }

    FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
