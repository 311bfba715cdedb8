namespace MlOps.Predictor.Serving;

public enum PredictStatus
{
    Ok = 200,
    BadRequest = 400,
    NotFound = 404,
    TooLarge = 413,
    Unavailable = 503,
}
