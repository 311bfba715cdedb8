namespace MlOps.Core.Training;

/// <summary>How categorical features reach the learner.</summary>
public enum CategoricalEncoding
{
    /// <summary>Ordered codes for tree learners (as fast as and as good as native categorical splits), one-hot for the linear learner.</summary>
    Auto,

    /// <summary>One indicator column per value.</summary>
    OneHot,

    /// <summary>One code per value, ranked by the value's positive rate in the training rows.</summary>
    Ordered,
}
