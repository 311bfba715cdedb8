// Command pubsub-server serves Google's in-memory Pub/Sub fake (pstest) on a chosen address,
// so tests and local runs have a Pub/Sub endpoint without Docker or the gcloud emulator.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"cloud.google.com/go/pubsub/pstest"
	pb "google.golang.org/genproto/googleapis/pubsub/v1"
	"google.golang.org/grpc"
)

func main() {
	address := flag.String("host", "127.0.0.1:8085", "host:port to listen on; port 0 picks a free port")
	minAckDeadline := flag.Duration("min-ack-deadline", 10*time.Second, "smallest ack deadline a subscription may ask for (Pub/Sub itself: 10s)")
	exitWithStdin := flag.Bool("exit-with-stdin", false, "exit when standard input closes, so the server dies with the process that started it")
	flag.Parse()

	if *minAckDeadline != 10*time.Second {
		pstest.SetMinAckDeadline(*minAckDeadline)
	}

	listener, err := net.Listen("tcp", *address)
	if err != nil {
		fail("cannot listen on %s: %v", *address, err)
	}

	// The fake only comes with its own listener on a random port; keep its service, drop that
	// listener. The fake logs that listener's shutdown through the log package, hence the discard.
	log.SetOutput(io.Discard)
	fake := pstest.NewServer()
	_ = fake.Close()

	server := grpc.NewServer(grpc.MaxRecvMsgSize(20 << 20))
	pb.RegisterPublisherServer(server, &fake.GServer)
	pb.RegisterSubscriberServer(server, &fake.GServer)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-stop
		server.Stop()
	}()
	if *exitWithStdin {
		go func() {
			_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
			server.Stop()
		}()
	}

	fmt.Printf("pubsub-server listening on %s\n", listener.Addr().String())
	if err := server.Serve(listener); err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "pubsub-server: "+format+"\n", args...)
	os.Exit(1)
}
