# grade_id: softmax
# kind: valid
# description: exp(z - logsumexp(z)) instead of normalising exp(z - max)
def softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.exp(z - lse)
