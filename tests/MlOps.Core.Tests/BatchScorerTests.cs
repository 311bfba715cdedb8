using System.Text;
using MlOps.Core.Scoring;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class BatchScorerTests
{
    [Fact]
    public void Valid_rows_are_scored_and_bad_rows_go_to_the_rejects_with_reasons()
    {
        var package = ModelTrainer.Train(TestData.Taxi(2000), new TrainingOptions()).Package;
        const string input = """
            trip_month,trip_day,trip_day_of_week,trip_hour,trip_duration,trip_distance,payment_type,pickup_zone,dropoff_zone,note
            7,11,4,6,44,2.1,cash,SoHo,JFK Airport,"a, b"
            7,11,4,6,44,abc,cash,SoHo,JFK Airport,x
            7,11,4,6,44,1.0,credit_card,SoHo,Mars,y
            7,11,4,6,44,1.0
            1,2,3,4,5,6.5,mobile,Midtown Center,SoHo,z
            """;
        var output = new StringWriter();
        var rejects = new StringWriter();

        var result = BatchScorer.ScoreCsv(package, new MemoryStream(Encoding.UTF8.GetBytes(input)), output, rejects);

        Assert.Equal((5L, 2L, 3L), (result.Rows, result.Scored, result.Rejected));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",note,probability,label", lines[0]);
        Assert.StartsWith("7,11,4,6,44,2.1,cash,SoHo,JFK Airport,\"a, b\",", lines[1]);
        Assert.Equal(3, lines.Length);
        var rejected = rejects.ToString();
        Assert.Contains("2,trip_distance,'abc' is not a number", rejected);
        Assert.Contains("3,dropoff_zone,\"'Mars' is not one of the allowed values", rejected);
        Assert.Contains("4,,expected 10 fields found 6", rejected);
    }

    [Fact]
    public void Batch_probabilities_equal_the_engine_probabilities()
    {
        var trained = ModelTrainer.Train(TestData.Taxi(2000), new TrainingOptions());
        using var temp = new TempDirectory();
        var csv = temp.File("h.csv");
        Synthetic.TaxiTripGenerator.WriteCsv(csv, new Synthetic.TaxiTripGenerator(77).Generate(300));
        var data = Data.DatasetReader.Load(Data.DatasetSource.FromPath(csv), trained.Package.Schema).Dataset!;
        var output = new StringWriter();

        using (var stream = File.OpenRead(csv))
        {
            BatchScorer.ScoreCsv(trained.Package, stream, output);
        }

        var batch = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => float.Parse(l.Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(trained.Package.Scorer.ScoreAll(data), batch);
    }

    [Fact]
    public void An_input_without_a_needed_column_is_refused_up_front()
    {
        var package = ModelTrainer.Train(TestData.Taxi(1000), new TrainingOptions()).Package;

        var error = Assert.Throws<InvalidDataException>(() =>
            BatchScorer.ScoreCsv(package, new MemoryStream("trip_month\n1\n"u8.ToArray()), new StringWriter()));

        Assert.Contains("lacks the column(s) trip_day", error.Message);
    }

    [Fact]
    public void Json_lines_are_scored_into_instance_and_prediction_lines_with_bad_lines_rejected()
    {
        var package = ModelTrainer.Train(TestData.Taxi(2000), new TrainingOptions()).Package;
        const string input = """
            {"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.1,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"}
            [7,11,4,6,44,2.1,"cash","SoHo","JFK Airport"]

            [7,11,4,6,44,"far","cash","SoHo","JFK Airport"]
            {"trip_month":7
            """;
        var output = new MemoryStream();
        var rejects = new StringWriter();

        var result = BatchScorer.ScoreJsonLines(package, new MemoryStream(Encoding.UTF8.GetBytes(input)), output, rejects);

        Assert.Equal((4L, 2L, 2L), (result.Rows, result.Scored, result.Rejected));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = System.Text.Json.JsonDocument.Parse(lines[0]).RootElement;
        var second = System.Text.Json.JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal(2.1, first.GetProperty("instance").GetProperty("trip_distance").GetDouble());
        Assert.Equal(first.GetProperty("prediction").GetProperty("probability").GetDouble(), second.GetProperty("prediction").GetProperty("probability").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, second.GetProperty("instance").ValueKind);
        Assert.Contains("3,trip_distance,", rejects.ToString());
        Assert.Contains("4,instance,", rejects.ToString());
    }

    [Fact]
    public void Header_names_are_quoted_as_CSV_quotes_them()
    {
        var package = ModelTrainer.Train(TestData.Taxi(1000), new TrainingOptions()).Package;
        const string input = "trip_month,trip_day,trip_day_of_week,trip_hour,trip_duration,trip_distance,payment_type,pickup_zone,dropoff_zone,\"say \"\"hi\"\", twice\"\n7,11,4,6,44,2.1,cash,SoHo,JFK Airport,x\n";
        var output = new StringWriter();

        BatchScorer.ScoreCsv(package, new MemoryStream(Encoding.UTF8.GetBytes(input)), output);

        Assert.EndsWith(",\"say \"\"hi\"\", twice\",probability,label", output.ToString().Split('\n')[0]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public void A_cancelled_job_stops_even_when_every_record_is_rejected(string format)
    {
        var package = ModelTrainer.Train(TestData.Taxi(1000), new TrainingOptions()).Package;
        var input = new StringBuilder(format == "csv" ? "trip_month,trip_day,trip_day_of_week,trip_hour,trip_duration,trip_distance,payment_type,pickup_zone,dropoff_zone\n" : "");
        for (var i = 0; i < 40_000; i++)
        {
            input.Append(format == "csv" ? "13,11,4,6,44,2.1,cash,SoHo,JFK Airport\n" : "[13,11,4,6,44,2.1,\"cash\",\"SoHo\",\"JFK Airport\"]\n");
        }

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(input.ToString()));

        Assert.Throws<OperationCanceledException>(() => format == "csv"
            ? BatchScorer.ScoreCsv(package, stream, new StringWriter(), cancellationToken: cancelled.Token)
            : BatchScorer.ScoreJsonLines(package, stream, new MemoryStream(), cancellationToken: cancelled.Token));
    }
}
