# grade_id: overfit_tiny_batch
# kind: valid
# description: zero_grad(set_to_none=True) before the forward pass, losses collected as tensors then converted
def overfit_tiny_batch(model_factory, X, y, steps=100, lr=3e-3):
    torch.manual_seed(0)
    net = model_factory()
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    history = []
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        loss = nn.CrossEntropyLoss()(net(X), y)
        loss.backward()
        opt.step()
        history.append(loss.detach())
    return net, [float(v) for v in history]
